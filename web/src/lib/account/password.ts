/**
 * The API's shortest password, checked here too so the form says so before sending. A value, not an
 * import of api/src/accounts/schemas.ts: that module pulls TypeBox into the browser bundle.
 */
export const PASSWORD_MIN_CHARACTERS = 12;
