// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
  namespace App {
    interface Error {
      message: string;
      /** The API's error code (e.g. SURVEY_NOT_FOUND), when the error came from the API. */
      code?: string;
    }
  }
}

export {};
