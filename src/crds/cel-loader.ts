/** The CEL evaluator, loaded once by the first run with custom resources (src/crds/index.ts). */
type CelModule = typeof import('../cel/index.js');

let celModule: CelModule | undefined;

export async function loadCel(): Promise<CelModule> {
  celModule ??= await import('../cel/index.js');
  return celModule;
}

/** The CEL evaluator if a run has loaded it; validation rules are skipped before that. */
export function loadedCel(): CelModule | undefined {
  return celModule;
}
