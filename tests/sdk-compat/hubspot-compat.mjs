// Drives the HubSpot simulator with HubSpot's own Node SDK, unchanged, and checks the SDK sees what it would see
// against api.hubapi.com. Prints a JSON summary; exits 1 on any mismatch, 2 on missing configuration.
//
//   HUBSPOT_BASE_URL=http://127.0.0.1:5102 HUBSPOT_ACCESS_TOKEN=pat-na1-… node hubspot-compat.mjs
import { createServer } from 'node:http';
import hubspot from '@hubspot/api-client';

const { Client, Signature } = hubspot;
const basePath = process.env.HUBSPOT_BASE_URL;
const accessToken = process.env.HUBSPOT_ACCESS_TOKEN;
if (!basePath || !accessToken) {
  console.error('Set HUBSPOT_BASE_URL and HUBSPOT_ACCESS_TOKEN.');
  process.exit(2);
}

const client = new Client({ accessToken, basePath });
const contacts = client.crm.contacts;
const run = `${process.pid}-${Date.now()}`;
const email = (name) => `${name}-${run}@sdk-compat.example.com`;
const checks = [];

function check(name, ok, detail) {
  checks.push({ name, ok: Boolean(ok), ...(ok ? {} : { detail }) });
}

async function step(name, body) {
  try {
    await body();
  } catch (error) {
    check(name, false, `threw ${error?.constructor?.name}: code=${error?.code} ${String(error?.message).split('\n')[0]}`);
  }
}

async function expectApiError(promise) {
  try {
    await promise;
    return null;
  } catch (error) {
    return error;
  }
}

async function crud() {
  const created = await contacts.basicApi.create({
    properties: { email: email('crud'), firstname: 'Ada', lastname: 'Lovelace' },
    associations: [],
  });
  check('create returns an id and string properties', /^\d+$/.test(created.id) && created.properties.firstname === 'Ada', created);
  check('create parses createdAt as a Date', created.createdAt instanceof Date && !Number.isNaN(created.createdAt.getTime()), created.createdAt);

  const byId = await contacts.basicApi.getById(created.id, ['email', 'firstname']);
  check('getById returns the contact', byId.id === created.id && byId.properties.email === email('crud'), byId);

  const byEmail = await contacts.basicApi.getById(email('crud'), ['lastname'], undefined, undefined, false, 'email');
  check('getById with idProperty=email finds it', byEmail.id === created.id && byEmail.properties.lastname === 'Lovelace', byEmail);

  const updated = await contacts.basicApi.update(created.id, { properties: { lastname: 'King' } });
  check('update returns the new value', updated.properties.lastname === 'King', updated);

  await contacts.basicApi.archive(created.id);
  const gone = await expectApiError(contacts.basicApi.getById(created.id));
  check('archived contact reads as 404', gone?.code === 404, gone?.message);

  const duplicate = await contacts.basicApi.create({ properties: { email: email('dup') }, associations: [] });
  const conflict = await expectApiError(contacts.basicApi.create({ properties: { email: email('dup') }, associations: [] }));
  check(
    'duplicate email raises a 409 CONFLICT naming the existing id',
    conflict?.code === 409 && conflict?.body?.category === 'CONFLICT' && conflict?.body?.message === `Contact already exists. Existing ID: ${duplicate.id}`,
    conflict?.body,
  );
}

async function unknownId() {
  const error = await expectApiError(contacts.basicApi.getById('999999999999'));
  check(
    "unknown id raises the SDK's ApiException with code 404",
    error?.constructor?.name === 'ApiException' && error.code === 404 && error.body?.category === 'OBJECT_NOT_FOUND',
    { type: error?.constructor?.name, code: error?.code, body: error?.body },
  );
}

async function search() {
  await contacts.batchApi.create({
    inputs: [
      { properties: { email: email('search-a'), lastname: 'Searchable', lead_score: '10' }, associations: [] },
      { properties: { email: email('search-b'), lastname: 'Searchable', lead_score: '80' }, associations: [] },
    ],
  });
  const page = await contacts.searchApi.doSearch({
    filterGroups: [{ filters: [{ propertyName: 'lastname', operator: 'EQ', value: 'Searchable' }, { propertyName: 'lead_score', operator: 'GT', value: '50' }] }],
    sorts: ['-createdate'],
    properties: ['email', 'lead_score'],
    limit: 10,
    after: '0',
  });
  check(
    'search filters and returns total',
    page.total === 1 && page.results.length === 1 && page.results[0].properties.email === email('search-b'),
    { total: page.total, results: page.results.map((r) => r.properties) },
  );
}

async function upsert() {
  const input = (lastname) => ({ inputs: [{ id: email('upsert'), idProperty: 'email', properties: { lastname } }] });
  const first = await contacts.batchApi.upsert(input('Created'));
  const second = await contacts.batchApi.upsert(input('Updated'));
  check('batch upsert by email creates first (new=true)', first.status === 'COMPLETE' && first.results[0]._new === true, first.results[0]);
  check(
    'batch upsert by email updates next (new=false, same id)',
    second.results[0]._new === false && second.results[0].id === first.results[0].id && second.results[0].properties.lastname === 'Updated',
    second.results[0],
  );
}

async function paging() {
  const inputs = Array.from({ length: 12 }, (_, i) => ({ properties: { email: email(`page-${i}`) }, associations: [] }));
  await contacts.batchApi.create({ inputs });
  const expected = (await contacts.getAll(100)).length;

  const first = await contacts.basicApi.getPage(5, undefined, ['email']);
  check('getPage returns limit results and a next cursor', first.results.length === 5 && typeof first.paging?.next?.after === 'string', first.paging);

  const second = await contacts.basicApi.getPage(5, first.paging.next.after, ['email']);
  const overlap = second.results.filter((r) => first.results.some((f) => f.id === r.id));
  check('the next page continues without overlap', second.results.length === 5 && overlap.length === 0, second.results.map((r) => r.id));

  const all = await contacts.getAll(5, undefined, ['email']);
  const ids = new Set(all.map((r) => r.id));
  check('getAll pages through every contact once', all.length === expected && ids.size === all.length && all.length >= 12, { all: all.length, expected });
}

// A webhook delivery from the simulator must pass the SDK's own v3 and v1 signature checks.
async function webhookSignature() {
  const clientSecret = process.env.HUBSPOT_CLIENT_SECRET;
  if (!clientSecret) {
    check('webhook signature (HUBSPOT_CLIENT_SECRET set)', false, 'HUBSPOT_CLIENT_SECRET missing');
    return;
  }

  const received = new Promise((resolve) => {
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => { body += chunk; });
      req.on('end', () => {
        const url = `http://127.0.0.1:${server.address().port}${req.url}`;
        res.writeHead(200).end();
        server.close();
        resolve({ body, headers: req.headers, url });
      });
    });
    server.listen(0, '127.0.0.1', async () => {
      const target = `http://127.0.0.1:${server.address().port}/hubspot/webhooks`;
      await fetch(`${basePath}/__gtmguard/webhooks/subscriptions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id: `sdk-${run}`, targetUrl: target, eventTypes: ['contact.creation'] }),
      });
      await contacts.basicApi.create({ properties: { email: email('webhook') }, associations: [] });
    });
  });
  const delivery = await Promise.race([received, new Promise((_, reject) => setTimeout(() => reject(new Error('no webhook within 10 s')), 10_000))]);
  const v3 = Signature.isValid({
    signatureVersion: 'v3',
    signature: delivery.headers['x-hubspot-signature-v3'],
    clientSecret,
    requestBody: delivery.body,
    url: delivery.url,
    method: 'POST',
    timestamp: Number(delivery.headers['x-hubspot-request-timestamp']),
  });
  check('webhook v3 signature passes Signature.isValid', v3, delivery.headers);
  const v1 = Signature.isValid({ signatureVersion: 'v1', signature: delivery.headers['x-hubspot-signature'], clientSecret, requestBody: delivery.body });
  check('webhook v1 signature passes Signature.isValid', v1, delivery.headers);
  const events = JSON.parse(delivery.body);
  check('webhook body is an array of contact.creation events', Array.isArray(events) && events[0]?.subscriptionType === 'contact.creation', events);
  await fetch(`${basePath}/__gtmguard/webhooks/subscriptions/sdk-${run}`, { method: 'DELETE' });
}

await step('crud', crud);
await step('unknown id', unknownId);
await step('search', search);
await step('batch upsert', upsert);
await step('paging', paging);
await step('webhook signature', webhookSignature);

const failed = checks.filter((c) => !c.ok);
console.log(JSON.stringify({ sdk: '@hubspot/api-client', ok: failed.length === 0, passed: checks.length - failed.length, failed: failed.length, checks }, null, 2));
process.exit(failed.length === 0 ? 0 : 1);
