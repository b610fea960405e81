/**
 * Moves focus to a question's input (the chosen radio of a group, else its first) and scrolls the
 * whole question into view, so its text is on screen and not only the input.
 */
export function focusQuestion(questionId: string): void {
  const inputs = [...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(`[name="${CSS.escape(questionId)}"]`)];
  const target = inputs.find((input) => input instanceof HTMLInputElement && input.checked) ?? inputs[0];
  target?.focus({ preventScroll: true });
  document.getElementById(`q-${questionId}`)?.scrollIntoView({ block: 'start' });
}

/** After moving to another screen: back to the top, focus on "Step 3 of 6" so a screen reader says where the respondent is. */
export function focusStep(): void {
  window.scrollTo({ top: 0 });
  document.getElementById('step-label')?.focus({ preventScroll: true });
}
