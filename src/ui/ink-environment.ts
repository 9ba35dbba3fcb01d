/**
 * Ink decides once, when it loads, from the CI and CONTINUOUS_INTEGRATION variables,
 * to draw nothing but the last frame on exit. The workbench only starts on a terminal
 * (stdin and stdout both TTYs), where that mode leaves the responder a blank screen
 * until they quit, so those variables are dropped before ink is imported. A shell
 * inside a CI job, a container or a tool that exports CI=1 is still a person typing.
 */
export function drawEveryFrame(env: NodeJS.ProcessEnv = process.env): void {
  delete env.CI;
  delete env.CONTINUOUS_INTEGRATION;
}
