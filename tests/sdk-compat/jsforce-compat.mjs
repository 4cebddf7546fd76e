// Runs jsforce, unchanged, against the GtmGuard Salesforce simulator and checks what it gets back.
// Environment: SF_INSTANCE_URL, SF_CLIENT_ID, SF_CLIENT_SECRET, SF_REFRESH_TOKEN, optional SF_API_VERSION.
// Prints a JSON summary on stdout; exits 1 when any check fails, 2 when the run itself breaks.
import jsforce from 'jsforce';

const env = (name, fallback) => {
  const value = process.env[name] ?? fallback;
  if (value === undefined) {
    throw new Error(`Missing environment variable ${name}`);
  }
  return value;
};

const baseUrl = env('SF_INSTANCE_URL');
const version = env('SF_API_VERSION', '66.0');
const checks = [];
const check = (name, ok, detail) => checks.push({ name, ok: Boolean(ok), ...(ok ? {} : { detail }) });

let refreshes = 0;
const conn = new jsforce.Connection({
  oauth2: { clientId: env('SF_CLIENT_ID'), clientSecret: env('SF_CLIENT_SECRET'), loginUrl: baseUrl },
  instanceUrl: baseUrl,
  // A session the simulator never issued: the first call gets 401 INVALID_SESSION_ID and jsforce refreshes.
  accessToken: '00D000000000000!expired-session',
  refreshToken: env('SF_REFRESH_TOKEN'),
  version,
});
conn.on('refresh', () => { refreshes += 1; });

const errorCodeOf = async (promise) => {
  try {
    await promise;
    return 'no error';
  } catch (error) {
    return error.errorCode ?? error.name ?? String(error);
  }
};

async function crud() {
  const contacts = conn.sobject('Contact');
  const created = await contacts.create({ FirstName: 'Js', LastName: 'Compat', Email: 'js.compat@example.com' });
  check('create returns success and a 003 id', created.success === true && /^003\w{15}$/.test(created.id), created);
  check('jsforce refreshed the invalid session once', refreshes === 1, { refreshes });

  const read = await contacts.retrieve(created.id);
  check('retrieve returns the record', read.LastName === 'Compat' && read.Email === 'js.compat@example.com' && read.attributes?.type === 'Contact', read);

  const updated = await contacts.update({ Id: created.id, Title: 'Tester' });
  const reread = await contacts.retrieve(created.id);
  check('update succeeds and is visible', updated.success === true && reread.Title === 'Tester', { updated, title: reread.Title });

  const destroyed = await contacts.destroy(created.id);
  const afterDelete = await errorCodeOf(contacts.retrieve(created.id));
  check('destroy succeeds and the record is gone', destroyed.success === true && afterDelete === 'ENTITY_IS_DELETED', { destroyed, afterDelete });

  const invalid = await errorCodeOf(contacts.create({ FirstName: 'No last name' }));
  check('a save without LastName fails with REQUIRED_FIELD_MISSING', invalid === 'REQUIRED_FIELD_MISSING', { invalid });
}

async function upsert() {
  const contacts = conn.sobject('Contact');
  const first = await contacts.upsert({ External_Id__c: 'js-1', LastName: 'Upserted' }, 'External_Id__c');
  const second = await contacts.upsert({ External_Id__c: 'js-1', LastName: 'Upserted', Title: 'Again' }, 'External_Id__c');
  check('upsert creates then updates by External_Id__c', first.success && first.created === true && second.success && second.created === false && first.id === second.id, { first, second });

  const many = await contacts.upsert(
    [{ External_Id__c: 'js-1', LastName: 'Upserted', Title: 'Collection' }, { External_Id__c: 'js-2', LastName: 'Second' }],
    'External_Id__c');
  check('collection upsert reports created per record', many.length === 2 && many[0].created === false && many[1].created === true, many);
}

async function query() {
  const records = Array.from({ length: 450 }, (_, i) => ({ LastName: `Page ${String(i).padStart(3, '0')}` }));
  const saved = await conn.sobject('Contact').create(records, { allowRecursive: true });
  check('450 contacts created through collections', saved.length === 450 && saved.every((r) => r.success), { failed: saved.filter((r) => !r.success).slice(0, 3) });

  const soql = "SELECT Id, LastName FROM Contact WHERE LastName LIKE 'Page %' ORDER BY LastName";
  const headers = { 'Sforce-Query-Options': 'batchSize=200' };
  const page1 = await conn.query(soql, { headers });
  const page2 = await conn.queryMore(page1.nextRecordsUrl, { headers });
  const page3 = await conn.queryMore(page2.nextRecordsUrl, { headers });
  check('query pages through nextRecordsUrl', page1.totalSize === 450 && page1.done === false && page1.records.length === 200
    && page2.records.length === 200 && page3.records.length === 50 && page3.done === true
    && page3.records[49].LastName === 'Page 449', { sizes: [page1.records.length, page2.records.length, page3.records.length], next: page1.nextRecordsUrl });

  const all = await conn.query(soql, { autoFetch: true, maxFetch: 1000, headers });
  check('autoFetch collects every page', all.records.length === 450, { fetched: all.records.length });

  const malformed = await errorCodeOf(conn.query('SELECT Id FROM Contact WHERE'));
  check('a broken query fails with MALFORMED_QUERY', malformed === 'MALFORMED_QUERY', { malformed });
}

async function bulk() {
  conn.bulk2.pollInterval = 200;
  conn.bulk2.pollTimeout = 30000;
  const results = await conn.bulk2.loadAndWaitForResults({
    object: 'Contact',
    operation: 'upsert',
    externalIdFieldName: 'External_Id__c',
    input: [
      { External_Id__c: 'bulk-1', LastName: 'Bulk One', Email: 'one@example.com' },
      { External_Id__c: 'bulk-2', LastName: 'Bulk, Two', Email: 'two@example.com' },
      { External_Id__c: 'js-1', LastName: 'Upserted by bulk', Email: 'js1@example.com' },
      { External_Id__c: 'bulk-bad', LastName: '', Email: 'bad@example.com' },
    ],
  });
  const created = results.successfulResults.filter((r) => r.sf__Created === 'true').map((r) => r.External_Id__c).sort();
  const updated = results.successfulResults.filter((r) => r.sf__Created === 'false').map((r) => r.External_Id__c);
  check('bulk upsert creates and updates rows', created.join() === 'bulk-1,bulk-2' && updated.join() === 'js-1', results.successfulResults);
  check('bulk keeps quoted values intact', results.successfulResults.some((r) => r.LastName === 'Bulk, Two'), results.successfulResults);
  check('bulk reports the failed row with its error', results.failedResults.length === 1
    && results.failedResults[0].External_Id__c === 'bulk-bad'
    && results.failedResults[0].sf__Error.startsWith('REQUIRED_FIELD_MISSING:Required fields are missing: [LastName]'), results.failedResults);
  check('bulk leaves nothing unprocessed', Array.isArray(results.unprocessedRecords) && results.unprocessedRecords.length === 0, results.unprocessedRecords);

  const viaRest = await conn.sobject('Contact').find({ External_Id__c: 'js-1' }, ['LastName']);
  check('bulk update is visible through SOQL', viaRest.length === 1 && viaRest[0].LastName === 'Upserted by bulk', viaRest);
}

try {
  await crud();
  await upsert();
  await query();
  await bulk();
} catch (error) {
  console.log(JSON.stringify({ ok: false, crashed: `${error.name}: ${error.message}`, checks }, null, 2));
  process.exit(2);
}

const ok = checks.every((c) => c.ok);
console.log(JSON.stringify({ ok, refreshes, passed: checks.filter((c) => c.ok).length, failed: checks.filter((c) => !c.ok).length, checks }, null, 2));
process.exit(ok ? 0 : 1);
