/**
 * Import this first in any test that loads @microsoft/app-manifest. The package requires strip-bom 5, an ES
 * module: Node 20.19+ loads it with require(), Jest's CommonJS runtime cannot. Packaging only validates through
 * the package (it never reads files with strip-bom), so tests put a CommonJS stand-in at that exact path.
 */
import path from 'node:path';

const appManifestDir = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
jest.doMock(require.resolve('strip-bom', { paths: [appManifestDir] }), () => ({
  __esModule: true,
  default: (text: string) => text.replace(/^\uFEFF/, ''),
}));
