import { readText } from '../infra/infra-files';

describe('the reminder query and the users container index', () => {
  it('indexes every field the participation queries filter and sort on (the users container indexes only named paths)', () => {
    const cosmos = readText('infra/modules/cosmos.bicep');
    const users = cosmos.slice(cosmos.indexOf('  users: {'), cosmos.indexOf('  aggregates: {'));
    const queries = readText('src/storage/participation-store.ts');
    const fields = [...new Set([...queries.matchAll(/\bc\.([A-Za-z]+)/g)].map((match) => match[1]))];
    expect(fields).toEqual(expect.arrayContaining(['nextNudgeAt', 'tenantId', 'type']));
    for (const field of fields)
      expect({ field, indexed: users.includes(`{ path: '/${field}/?' }`) }).toEqual({ field, indexed: true });
  });
});
