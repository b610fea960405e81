/**
 * An API key reads `llk_<company>_<key id>_<secret>` (ids as 32 hex digits): the company and key id
 * find the key's row on the company's own shard, and only the secret's hash is stored.
 */
const KEY_PATTERN = /^llk_([0-9a-f]{32})_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;

function hexToUuid(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** @example formatApiKey(companyId, keyId, newSecret()) // 'llk_0f…_9a…_Xy…' */
export function formatApiKey(companyId: string, keyId: string, secret: string): string {
  return `llk_${companyId.replaceAll('-', '')}_${keyId.replaceAll('-', '')}_${secret}`;
}

/** What is shown of a key after it is created: enough to tell keys apart, nothing to use. */
export function apiKeyPrefix(keyId: string): string {
  return `llk_…_${keyId.replaceAll('-', '').slice(0, 8)}`;
}

/** @returns the key's parts, or null when the text is not an API key */
export function parseApiKey(key: string): { companyId: string; keyId: string; secret: string } | null {
  const match = KEY_PATTERN.exec(key);
  if (!match) return null;
  return { companyId: hexToUuid(match[1]!), keyId: hexToUuid(match[2]!), secret: match[3]! };
}
