/**
 * A route's answer written with JSON.stringify instead of fast-json-stringify: for answers that carry
 * whole survey definitions (an anyOf of four question types), whose compiled serializer took seconds
 * per route on its first request (~1 s for the respondent's survey) and ran Ajv on every question
 * after. Such answers are built field by field from rows whose definitions passed the schema when
 * written, so the route's response schema stays what the OpenAPI document says.
 */
export const serializerCompiler = () => (data: unknown) => JSON.stringify(data);
