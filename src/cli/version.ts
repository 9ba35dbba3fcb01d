// Bundled into dist/ at build time: the version a user sees is the one package.json (and npm) says.
import packageJson from '../../package.json' with { type: 'json' };

export const VERSION: string = packageJson.version;
