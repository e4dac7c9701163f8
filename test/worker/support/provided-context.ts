// Values global-setup.ts provides to the workerd tests (vitest `inject`).
declare module "vitest" {
  interface ProvidedContext {
    runnerUrl: string;
  }
}
export {};
