import { buildForJourneys } from '../bridge/build-for-journeys';
import { BUILD_VARIABLES } from '../bridge/journey-build-env';

/** Builds the renderer and the backend once per run; returns the teardown that removes them. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const started = Date.now();
  const built = await buildForJourneys();
  // Workers are started after this and inherit the runner's environment.
  process.env[BUILD_VARIABLES.rendererDir] = built.rendererDir;
  process.env[BUILD_VARIABLES.backendModule] = built.backendModule;
  console.log(`Built the renderer and the journey backend in ${Date.now() - started} ms.`);
  return built.remove;
}
