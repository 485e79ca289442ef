/** `npm run summary:rebuild` / `npm run summary:export`: the leadership summary's admin tasks against a Cosmos account. */
import { loadConfig } from '../src/config';
import { isLoopbackEndpoint } from '../src/storage/cosmos-endpoint';
import { ContentIndex } from '../src/content/content-index';
import { loadContentPack } from '../src/content/load-content-pack';
import { openCosmos } from '../src/storage/cosmos';
import { runSummaryAdmin, USAGE } from './summary-admin/run';

async function main(): Promise<number> {
  const config = loadConfig(process.env, 'local');
  const endpoint = config.cosmos.endpoint;
  if (!endpoint) {
    console.error(`COSMOS_ENDPOINT is not set: the embedded server keeps no data between processes.\n\n${USAGE}`);
    return 2;
  }
  const { client, containers } = await openCosmos({
    endpoint,
    key: config.cosmos.key,
    database: config.cosmos.database,
    local: isLoopbackEndpoint(endpoint),
  });
  try {
    return await runSummaryAdmin(process.argv.slice(2), {
      containers,
      index: new ContentIndex(loadContentPack(config.contentPackPath)),
      thresholds: config.summaryThresholds,
      now: () => new Date(),
      print: (line) => console.log(line),
    });
  } finally {
    client.dispose();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`summary-admin failed: ${(error as Error).name}: ${(error as Error).message}`);
    process.exit(1);
  },
);
