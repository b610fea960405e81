/** WCAG 2 contrast for the branding page's live check: the same function the API refuses a colour with. */
export { contrastRatio, MIN_CONTRAST_ON_WHITE } from '../../../../../api/src/model/contrast.js';
