/**
 * Dates and times as people and their systems write them (RFC 3339), checked for being real: a day
 * past the month's end (V8 would roll `02-30` over to March) or a leap second (`23:59:60`, which
 * JavaScript and PostgreSQL cannot hold) is no instant. Pure; the API and the web share it.
 */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?([Zz]|[+-]\d{2}:\d{2}))?$/;

/**
 * Milliseconds since the epoch of an RFC 3339 date-time (`2025-03-01T09:30:00Z`, any offset), or with
 * `dateOnly: 'allowed'` also of a calendar date (`2025-03-01`, midnight UTC); undefined when the text
 * is no real instant.
 * @example parseInstant('2025-02-30T10:00:00Z') // → undefined
 * @example parseInstant('2025-03-01', { dateOnly: 'allowed' }) // → Date.UTC(2025, 2, 1)
 */
export function parseInstant(value: string, options: { dateOnly?: 'allowed' | 'refused' } = {}): { ms: number; dateOnly: boolean } | undefined {
  const parts = RFC3339.exec(value);
  if (!parts) return undefined;
  const dateOnly = parts[4] === undefined;
  if (dateOnly && options.dateOnly !== 'allowed') return undefined;
  const [year, month, day, hour, minute, second] = parts.slice(1, 7).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = dateOnly ? Date.UTC(year, month - 1, day) : Date.parse(value);
  return Number.isNaN(ms) ? undefined : { ms, dateOnly };
}
