import { classifyRequest, Tally } from '../../scripts/bench/cosmos-requests';

describe('classifyRequest', () => {
  const docs = '/dbs/bench/colls/answers/docs';

  it('tells document operations by method, id and headers', () => {
    expect(classifyRequest('POST', docs, { 'x-ms-documentdb-is-upsert': 'True' })).toEqual({
      target: 'answers',
      operation: 'upsert',
      document: true,
    });
    expect(classifyRequest('POST', docs, {})).toMatchObject({ operation: 'create', document: true });
    expect(classifyRequest('POST', docs, { 'x-ms-documentdb-isquery': 'true' })).toMatchObject({ operation: 'query' });
    expect(classifyRequest('POST', docs, { 'content-type': 'application/query+json' })).toMatchObject({
      operation: 'query',
    });
    expect(classifyRequest('POST', docs, { 'x-ms-cosmos-is-batch-request': 'true' })).toMatchObject({
      operation: 'batch',
    });
    expect(classifyRequest('GET', docs, {})).toMatchObject({ operation: 'read feed' });
    const doc = '/dbs/bench/colls/sessions/docs/session%7Cuser%7Cabc';
    expect(classifyRequest('GET', doc, {})).toEqual({ target: 'sessions', operation: 'read', document: true });
    expect(classifyRequest('PUT', doc, {})).toMatchObject({ operation: 'replace' });
    expect(classifyRequest('PATCH', doc, {})).toMatchObject({ operation: 'patch' });
    expect(classifyRequest('DELETE', doc, {})).toMatchObject({ operation: 'delete' });
  });

  it('accepts the double slash the SDK sometimes sends', () => {
    expect(classifyRequest('PATCH', '//dbs/bench/colls/aggregates/docs/aggregate%7Cq', {})).toMatchObject({
      target: 'aggregates',
      operation: 'patch',
    });
  });

  it('keeps metadata apart from document operations', () => {
    expect(classifyRequest('GET', '/', {})).toEqual({ target: 'account', operation: 'read', document: false });
    expect(classifyRequest('POST', '/dbs', {})).toEqual({ target: 'database', operation: 'create', document: false });
    expect(classifyRequest('GET', '/dbs/bench', {})).toMatchObject({ target: 'database', document: false });
    expect(classifyRequest('POST', '/dbs/bench/colls', {})).toEqual({
      target: 'collections',
      operation: 'create',
      document: false,
    });
    expect(classifyRequest('GET', '/dbs/bench/colls/answers', {})).toEqual({
      target: 'answers collection',
      operation: 'read',
      document: false,
    });
    expect(classifyRequest('GET', '/dbs/bench/colls/answers/pkranges', {})).toEqual({
      target: 'answers pkranges',
      operation: 'read',
      document: false,
    });
  });
});

describe('Tally', () => {
  it('counts by kind and status, merges, and totals with a filter', () => {
    const upsert = { target: 'answers', operation: 'upsert', document: true };
    const pkranges = { target: 'answers pkranges', operation: 'read', document: false };
    const tally = new Tally();
    tally.add(upsert, 201);
    tally.add(upsert, 201);
    tally.add(upsert, 200);
    tally.add(pkranges, 200);
    const other = new Tally();
    other.add(upsert, 201, 3);
    tally.merge(other);
    expect(tally.total()).toBe(7);
    expect(tally.total((row) => row.document)).toBe(6);
    expect(tally.list()[0]).toEqual({ ...upsert, status: 201, count: 5 });
    expect(tally.describe()).toBe('answers upsert 201 ×5, answers upsert 200, answers pkranges read 200');
  });
});
