/**
 * A published survey version never changes (DESIGN.md "Any survey, not only the template"): a trigger
 * refuses UPDATE of survey_version.definition (or of its version number or survey) once the version is
 * published (its number is at most survey.published_version) or has responses. Drafts stay editable.
 * DELETE of a version with responses is already refused by response.survey_version_id's foreign key.
 *
 * Before the trigger exists, stored definitions made from the default template get the question roles
 * the analysis now finds questions by (model/template.ts), so existing databases keep their NPS, CSAT
 * and the rest. A definition counts as the template's when every question id is a template id; a
 * question gets the role only when it has none and its type is the role's. This file imports no app
 * code (migrations never change after they land), so the template's roles are written out here.
 */
import { sql, type Kysely } from 'kysely';

/** Every question id of the full template, and the role each key question holds, with its type. */
const TEMPLATE_IDS = new Set([
  'sat_overall', 'sat_product', 'sat_service', 'sat_price', 'expectation', 'recommend', 'feel_loss', 'speak_positively',
  'repurchase', 'share_of_wallet', 'stay_vs_competitor', 'promo_decided', 'full_price_return', 'had_problem',
  'problem_resolved', 'gesture_received', 'told_positive', 'told_negative', 'exp_fidelity', 'exp_ownership',
  'exp_stability', 'exp_consistency', 'comment',
]);
const TEMPLATE_ROLES: Record<string, { role: string; type: string }> = {
  sat_overall: { role: 'overall_satisfaction', type: 'scale' },
  recommend: { role: 'recommend', type: 'scale' },
  promo_decided: { role: 'promo_decided', type: 'choice' },
  full_price_return: { role: 'full_price_return', type: 'scale' },
  expectation: { role: 'expectation', type: 'choice' },
  had_problem: { role: 'had_problem', type: 'choice' },
  problem_resolved: { role: 'problem_resolved', type: 'choice' },
  gesture_received: { role: 'gesture_received', type: 'choice' },
  told_positive: { role: 'told_positive', type: 'count' },
  told_negative: { role: 'told_negative', type: 'count' },
};

interface StoredQuestion {
  id?: unknown;
  type?: unknown;
  role?: unknown;
}

/**
 * The definition with the template's roles filled in, or null when it is not the template's or
 * already has them.
 * @example withTemplateRoles({ questions: [{ id: 'recommend', type: 'scale' }] }) // => { questions: [{ id: 'recommend', type: 'scale', role: 'recommend' }] }
 */
export function withTemplateRoles(definition: { questions?: unknown }): { questions: StoredQuestion[] } | null {
  const questions = definition.questions;
  if (!Array.isArray(questions) || questions.length === 0) return null;
  if (!questions.every((q: StoredQuestion) => typeof q?.id === 'string' && TEMPLATE_IDS.has(q.id))) return null;
  let changed = false;
  const withRoles = questions.map((q: StoredQuestion) => {
    const template = TEMPLATE_ROLES[q.id as string];
    if (!template || q.role !== undefined || q.type !== template.type) return q;
    changed = true;
    return { ...q, role: template.role };
  });
  return changed ? { ...definition, questions: withRoles } : null;
}

export async function up(db: Kysely<any>): Promise<void> {
  const versions = await db.selectFrom('survey_version').select(['id', 'definition']).execute();
  for (const version of versions) {
    const definition = withTemplateRoles(version.definition as { questions?: unknown });
    if (definition === null) continue;
    await db.updateTable('survey_version').set({ definition: JSON.stringify(definition) }).where('id', '=', version.id).execute();
  }

  await sql`
    create function survey_version_refuse_change() returns trigger language plpgsql as $$
    begin
      if exists (select 1 from survey s where s.id = old.survey_id and old.version <= coalesce(s.published_version, 0))
         or exists (select 1 from response r where r.survey_version_id = old.id) then
        raise exception 'Version % of survey % is published and never changes: publish a new version instead.', old.version, old.survey_id
          using errcode = 'restrict_violation';
      end if;
      return new;
    end
    $$`.execute(db);
  await sql`
    create trigger survey_version_immutable
      before update of definition, version, survey_id on survey_version
      for each row
      when (old.definition is distinct from new.definition or old.version is distinct from new.version or old.survey_id is distinct from new.survey_id)
      execute function survey_version_refuse_change()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger survey_version_immutable on survey_version`.execute(db);
  await sql`drop function survey_version_refuse_change()`.execute(db);
}
