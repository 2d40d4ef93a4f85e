import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, TestApi } from '../support/api';
import { createTenant, superAdminToken, TestTenant } from '../support/fixtures';
import { ENTERPRISE, expectScimError, GROUP, PATCH, scim, scimToken, USER } from './scim-support';

/** Filter (RFC 7644 §3.4.2.2), paging, sorting, attribute selection, PATCH (§3.5.2) and ETag edge cases. */
describe('SCIM filters, PATCH and versions', () => {
  let api: TestApi;
  let t: TestTenant;
  let req: ReturnType<typeof scim>;
  const ids: Record<string, string> = {};

  const names = async (filter: string, extra = ''): Promise<string[]> => {
    const res = await req('GET', `/Users?filter=${encodeURIComponent(filter)}&sortBy=userName${extra}`);
    expect(res.status, `${filter}: ${JSON.stringify(res.body)}`).toBe(200);
    expect(res.body.totalResults).toBe(res.body.Resources.length);
    return res.body.Resources.map((r: { userName: string }) => r.userName.split('@')[0]);
  };

  beforeAll(async () => {
    api = await startApi();
    t = await createTenant(api, await superAdminToken(api));
    req = scim(api, (await scimToken(api, t)).token);
    const people = [
      { user: 'alice', given: 'Alice', family: 'Jensen', dept: 'Sales', home: 'alice@home.example', active: true },
      { user: 'bob', given: 'Bob', family: 'Jenkins', dept: 'Engineering', home: null, active: true },
      { user: 'carol', given: 'Carol', family: 'Smith', dept: null, home: 'carol@home.example', active: false },
    ];
    for (const p of people) {
      const res = await req('POST', '/Users', {
        schemas: [USER, ENTERPRISE],
        userName: `${p.user}@corp.example`,
        externalId: `ext-${p.user}`,
        name: { givenName: p.given, familyName: p.family },
        emails: [
          { value: `${p.user}@corp.example`, type: 'work', primary: true },
          ...(p.home ? [{ value: p.home, type: 'home' }] : []),
        ],
        active: p.active,
        ...(p.dept ? { [ENTERPRISE]: { department: p.dept } } : {}),
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      ids[p.user] = res.body.id;
    }
  });

  afterAll(async () => {
    await api?.close();
  });

  it('filters with every operator, logical combinations, value paths and sub-attributes', async () => {
    const corp = ' and userName ew "@corp.example"';
    expect(await names(`userName sw "a"${corp}`)).toEqual(['alice']);
    expect(await names(`name.givenName co "O"${corp}`)).toEqual(['bob', 'carol']);
    expect(await names('userName ew "@CORP.EXAMPLE"')).toEqual(['alice', 'bob', 'carol']);
    expect(await names(`name.familyName sw "Jen"${corp}`)).toEqual(['alice', 'bob']);
    expect(await names(`name.familyName ne "Smith"${corp}`)).toEqual(['alice', 'bob']);
    expect(await names(`active eq false${corp}`)).toEqual(['carol']);
    expect(await names(`not (active eq false)${corp}`)).toEqual(['alice', 'bob']);
    expect(await names(`(name.givenName eq "alice" or name.givenName eq "BOB") and active eq true`)).toEqual(['alice', 'bob']);
    expect(
      await names(
        `emails[type eq "home"]${corp}`.replace('emails[type eq "home"]', 'emails[type eq "home" and value co "@home"]'),
      ),
    ).toEqual(['alice', 'carol']);
    expect(await names('emails.value eq "carol@home.example"')).toEqual(['carol']);
    expect(await names(`${ENTERPRISE}:department pr${corp}`)).toEqual(['alice', 'bob']);
    expect(await names(`externalId eq "ext-bob"`)).toEqual(['bob']);
    expect(await names(`externalId eq "EXT-BOB"`)).toEqual([]); // externalId is caseExact
    expect(await names(`meta.lastModified gt "2000-01-01T00:00:00Z"${corp}`)).toEqual(['alice', 'bob', 'carol']);
    expect(await names(`meta.created lt "2000-01-01T00:00:00Z"`)).toEqual([]);
    expect(await names(`id eq "${ids.bob}"`)).toEqual(['bob']);
  });

  it('refuses a malformed filter or an unknown attribute with 400 invalidFilter', async () => {
    for (const filter of [
      'userName eq',
      'userName xx "a"',
      'nosuch eq "a"',
      'meta.created gt "yesterday"',
      'emails[nosuch eq "a"]',
    ]) {
      expectScimError(await req('GET', `/Users?filter=${encodeURIComponent(filter)}`), 400, 'invalidFilter');
    }
  });

  it('pages with startIndex and count (totalResults exact, count capped), sorts and selects attributes', async () => {
    const filter = `filter=${encodeURIComponent('userName ew "@corp.example"')}`;
    const page = await req('GET', `/Users?${filter}&sortBy=name.givenName&sortOrder=descending&startIndex=2&count=1`);
    expect(page.body).toMatchObject({ totalResults: 3, startIndex: 2, itemsPerPage: 1 });
    expect(page.body.Resources[0].userName).toBe('bob@corp.example');
    const none = await req('GET', `/Users?${filter}&count=0`);
    expect(none.body).toMatchObject({ totalResults: 3, itemsPerPage: 0, Resources: [] });
    expect((await req('GET', `/Users?${filter}&count=100000`)).body.itemsPerPage).toBe(3);
    const slim = await req('GET', `/Users?${filter}&sortBy=userName&attributes=userName,name.familyName`);
    expect(slim.body.Resources[0]).toEqual({
      schemas: [USER, ENTERPRISE],
      id: ids.alice,
      userName: 'alice@corp.example',
      name: { familyName: 'Jensen' },
    });
    const without = await req('GET', `/Users/${ids.alice}?excludedAttributes=emails,meta,${ENTERPRISE}`);
    expect(Object.keys(without.body).sort()).toEqual([
      'active',
      'displayName',
      'externalId',
      'id',
      'name',
      'schemas',
      'userName',
    ]);
    expectScimError(await req('GET', '/Users?sortBy=password'), 400, 'invalidValue');
  });

  it('applies PATCH add / replace / remove with value paths and filters (RFC 7644 §3.5.2)', async () => {
    const patch = (Operations: unknown[]) => req('PATCH', `/Users/${ids.bob}`, { schemas: [PATCH], Operations });
    const added = await patch([{ op: 'add', path: 'emails', value: [{ value: 'bob@home.example', type: 'home' }] }]);
    expect(added.body.emails).toEqual([
      { value: 'bob@corp.example', type: 'work', primary: true },
      { value: 'bob@home.example', type: 'home' },
    ]);
    const replaced = await patch([{ op: 'replace', path: 'emails[type eq "home"].value', value: 'robert@home.example' }]);
    expect(replaced.body.emails[1]).toEqual({ value: 'robert@home.example', type: 'home' });
    const removed = await patch([{ op: 'remove', path: 'emails[type eq "home"]' }]);
    expect(removed.body.emails).toEqual([{ value: 'bob@corp.example', type: 'work', primary: true }]);
    const renamed = await patch([{ op: 'replace', value: { 'name.givenName': 'Robert', displayName: 'Robert J.' } }]);
    expect(renamed.body).toMatchObject({ name: { givenName: 'Robert', familyName: 'Jenkins' }, displayName: 'Robert J.' });
    const dropped = await patch([{ op: 'remove', path: `${ENTERPRISE}:department` }]);
    expect(dropped.body[ENTERPRISE]).toBeUndefined();

    expectScimError(await patch([{ op: 'remove' }]), 400, 'noTarget');
    expectScimError(await patch([{ op: 'move', path: 'userName' }]), 400, 'invalidSyntax');
    expectScimError(
      await req('PATCH', `/Users/${ids.bob}`, { Operations: [{ op: 'add', path: 'title', value: 'x' }] }),
      400,
      'invalidSyntax',
    );
    expectScimError(await patch([{ op: 'replace', path: 'userName', value: 'not-an-email' }]), 400, 'invalidValue');
    expectScimError(await patch([{ op: 'replace', path: 'userName', value: 'alice@corp.example' }]), 409, 'uniqueness');
    expectScimError(await patch([{ op: 'replace', path: 'active', value: 'maybe' }]), 400, 'invalidValue');
  });

  it('honours If-Match on PUT, PATCH and DELETE: 412 on another version', async () => {
    const current = await req('GET', `/Users/${ids.alice}`);
    const etag = current.headers.get('etag')!;
    expect(etag).toBe(current.body.meta.version);
    const body = { schemas: [PATCH], Operations: [{ op: 'replace', path: 'displayName', value: 'Alice J.' }] };
    const changed = await req('PATCH', `/Users/${ids.alice}`, body, { 'if-match': etag });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expectScimError(await req('PATCH', `/Users/${ids.alice}`, body, { 'if-match': etag }), 412);
    expectScimError(
      await req('PUT', `/Users/${ids.alice}`, { schemas: [USER], userName: 'alice@corp.example' }, { 'if-match': etag }),
      412,
    );
    expectScimError(await req('DELETE', `/Users/${ids.alice}`, undefined, { 'if-match': etag }), 412);
    expect((await req('GET', `/Users/${ids.alice}`)).body.displayName).toBe('Alice J.');
    expect(
      (await req('PUT', `/Users/${ids.alice}`, { schemas: [USER], userName: 'alice@corp.example' }, { 'if-match': '*' })).status,
    ).toBe(200);
  });

  it('accepts application/json as well as application/scim+json', async () => {
    const res = await api.call('POST', '/scim/v2/Users', {
      token: (await scimToken(api, t, 'plain json')).token,
      body: { schemas: [USER], userName: 'json@corp.example' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.headers.get('content-type')).toMatch(/^application\/scim\+json/);
  });
  it('answers what never reaches a handler in the SCIM error schema: unreadable bodies, other media types, unknown routes', async () => {
    const { token } = await scimToken(api, t, 'unreadable');
    const send = (raw: string, contentType = 'application/scim+json') =>
      api.call('POST', '/scim/v2/Groups', { token, raw: { body: raw, contentType } });
    expectScimError(await send('{"displayName": "unterminated'), 400, 'invalidSyntax');
    expectScimError(await send('null'), 400, 'invalidSyntax');
    expectScimError(await send(JSON.stringify({ schemas: [GROUP], displayName: 'Text' }), 'text/plain'), 415);
    expectScimError(await api.call('GET', '/scim/v2/Nowhere', { token }), 404);
  });

  it('refuses attributes of the wrong type, and attributes a Group does not have; ignores read-only id and meta', async () => {
    const group = await req('POST', '/Groups', { schemas: [GROUP], displayName: 'Typed' });
    expect(group.status, JSON.stringify(group.body)).toBe(201);
    const put = (doc: Record<string, unknown>) => req('PUT', `/Groups/${group.body.id}`, { schemas: [GROUP], ...doc });
    for (const doc of [
      { displayName: 'Typed', schemas: 'not-an-array' },
      { displayName: 'Typed', schemas: [12345] },
      { displayName: 'Typed', id: 12345 },
      { displayName: 'Typed', externalId: 12345 },
      { displayName: 'Typed', meta: 42 },
      { displayName: 12345 },
      { displayName: 'Typed', members: [12345] },
      { displayName: 'Typed', members: [{ display: 'no value' }] },
    ]) {
      expectScimError(await put(doc), 400, 'invalidValue');
    }
    expectScimError(await put({ displayName: 'Typed', notAField: 'surprise' }), 400, 'invalidSyntax');
    const ignored = await put({ displayName: 'Typed', id: 'not-a-uuid', meta: { resourceType: 'Nope' }, [`${GROUP}:x`]: 1 });
    expect(ignored.status, JSON.stringify(ignored.body)).toBe(200);
    expect(ignored.body).toMatchObject({ id: group.body.id, meta: { resourceType: 'Group' } });

    expectScimError(
      await req('POST', '/Users', { schemas: [USER], userName: 'typed@corp.example', externalId: 7 }),
      400,
      'invalidValue',
    );
    expectScimError(await req('PUT', `/Users/${ids.bob}`, { schemas: 'x', userName: 'bob@corp.example' }), 400, 'invalidValue');
  });

  it('reads one resource with attribute selection only: list parameters are refused', async () => {
    const one = await req('GET', `/Users/${ids.alice}?attributes=userName`);
    expect(Object.keys(one.body).sort()).toEqual(['id', 'schemas', 'userName']);
    expectScimError(await req('GET', `/Users/${ids.alice}?sortOrder=descending`), 400, 'invalidValue');
  });
});
