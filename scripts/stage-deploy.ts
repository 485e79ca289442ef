/**
 * `npm run stage:deploy`: builds, then fills deploy/ with what App Service runs — the built app, cards, content pack
 * and production dependencies only. `atk deploy` zips and sends that folder; so can `az webapp deploy`.
 */
import path from 'node:path';
import { DEPLOY_FOLDER, stageDeployment, StageError } from './stage-deploy/stage';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..', '..');
  const out = path.join(root, DEPLOY_FOLDER);
  await stageDeployment({ root, out });
  process.stdout.write(
    `Deployment package: ${DEPLOY_FOLDER}/ (production dependencies only).\n` +
      'Send it with `atk deploy --env <name>`, or zip its contents and run `az webapp deploy --type zip` (docs/operations.md).\n',
  );
}

main().catch((error: unknown) => {
  const message =
    error instanceof StageError ? error.message : `Staging failed: ${(error as Error).stack ?? String(error)}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
