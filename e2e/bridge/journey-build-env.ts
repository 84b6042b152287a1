/** The environment variables through which the global setup tells the workers what it built. */
export const BUILD_VARIABLES = { rendererDir: 'CAIRN_JOURNEY_RENDERER', backendModule: 'CAIRN_JOURNEY_BACKEND' } as const;

/** A path the global setup built, or an error saying how to run the journeys. */
export function builtPath(name: keyof typeof BUILD_VARIABLES): string {
  const value = process.env[BUILD_VARIABLES[name]];
  if (value === undefined) throw new Error(`${BUILD_VARIABLES[name]} is not set: run the journeys with npx playwright test, whose global setup builds the app.`);
  return value;
}
