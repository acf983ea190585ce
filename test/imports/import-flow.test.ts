import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedUp, startStack, STORES, type BrowserClient, type Stack } from '../helpers/stack.ts';

const REAL = join(import.meta.dirname, '../../../shared/real-data');
const PARIS = join(REAL, 'hestialabs-agpl/uber-driver-fr-paris.zip');

for (const s of STORES) {
  describe.skipIf(!s.enabled)(`importing an export: preview, confirm, never twice (${s.name})`, () => {
    let stack: Stack;
    let steward: BrowserClient & { userId: string };
    let member: BrowserClient & { userId: string };
    let collectiveId: string;
    let zip: Uint8Array;

    beforeAll(async () => {
      stack = await startStack(s.name, { uploadMaxBytes: 2 * 2 ** 20 });
      zip = new Uint8Array(await readFile(PARIS));
      steward = await signedUp(stack, 'imp-stew');
      collectiveId = (await steward.client.call('createCollective', { body: { slug: 'imp', name: 'Importers', kind: 'union' } })).id;
      for (const canonical of ['work_tasks', 'pay_items', 'time_segments']) {
        await steward.client.call('createDataset', { params: { slug: 'imp' }, body: { canonical } });
      }
      member = await signedUp(stack, 'imp-member');
      const inv = await steward.client.call('createInvitation', { params: { slug: 'imp' }, body: {} });
      await member.client.call('acceptInvitation', { params: { token: inv.token } });
    });
    afterAll(() => stack?.close());

    it('previews the real Paris export without storing anything', async () => {
      const logBefore = await stack.store.read.log.size(collectiveId);
      const p = await member.client.call('previewImport', { params: { slug: 'imp' }, query: { timezone: 'Europe/Paris' }, file: zip, fileName: 'uber-driver-fr-paris.zip' });
      expect(p.importer.name).toMatch(/uber/);
      // Counted independently: data rows of the three CSVs (wc -l minus the header), less the one
      // online/offline row with no end time, which the preview reports as dropped.
      expect(Object.fromEntries(p.datasets.map((d) => [d.dataset, d.records]))).toEqual({ work_tasks: 262, pay_items: 1047, time_segments: 1526 });
      expect(p.datasets.every((d) => d.declared)).toBe(true);
      expect(p.dropped.total).toBe(1);
      expect(p.files[0]).toEqual({ file: 'uber-driver-fr-paris.zip', bytes: zip.byteLength, sha256: createHash('sha256').update(zip).digest('hex') });
      expect(p.datasets[0]!.sample.length).toBeGreaterThan(0);
      expect(await stack.store.read.records.countForMember(collectiveId, member.userId)).toEqual({});
      expect(await stack.store.read.log.size(collectiveId)).toBe(logBefore);
    });

    it('stores the previewed records in one go, logs the import with the file digest, and adds nothing the second time', async () => {
      const p = await member.client.call('previewImport', { params: { slug: 'imp' }, query: { timezone: 'Europe/Paris' }, file: zip, fileName: 'paris.zip' });
      const r = await member.client.call('confirmImport', { params: { slug: 'imp', uploadId: p.uploadId }, body: {} });
      expect(r).toMatchObject({ added: 2835, duplicates: 0, dropped: 1 });
      const counts = await stack.store.read.records.countForMember(collectiveId, member.userId);
      expect(Object.values(counts).sort((a, b) => a - b)).toEqual([262, 1047, 1526]);

      const [entry] = await stack.store.read.log.list(collectiveId, r.logIndex, 1);
      const body = JSON.parse(entry!.body);
      expect(body).toMatchObject({ type: 'records.imported', counts: { records: 2835, duplicates: 0, dropped: 1 }, digests: { upload: createHash('sha256').update(zip).digest('hex') } });
      expect(entry!.body).not.toContain(member.userId);

      // The upload is gone once imported: it cannot be confirmed twice.
      const twice = await member.client.call('confirmImport', { params: { slug: 'imp', uploadId: p.uploadId }, body: {} }).catch((e) => e);
      expect(twice.status).toBe(404);

      const again = await member.client.call('previewImport', { params: { slug: 'imp' }, query: { timezone: 'Europe/Paris' }, file: zip, fileName: 'paris.zip' });
      const r2 = await member.client.call('confirmImport', { params: { slug: 'imp', uploadId: again.uploadId }, body: {} });
      expect(r2).toMatchObject({ added: 0, duplicates: 2835 });
      expect(Object.values(await stack.store.read.records.countForMember(collectiveId, member.userId)).reduce((a, b) => a + b, 0)).toBe(2835);
    });

    it('only the uploader can confirm an upload', async () => {
      const p = await member.client.call('previewImport', { params: { slug: 'imp' }, query: { timezone: 'Europe/Paris' }, file: zip, fileName: 'paris.zip' });
      const stolen = await steward.client.call('confirmImport', { params: { slug: 'imp', uploadId: p.uploadId }, body: {} }).catch((e) => e);
      expect(stolen.status).toBe(404);
    });

    it('a bad file gets an error naming it, and nothing of it is stored or kept', async () => {
      const before = await stack.store.read.records.countForMember(collectiveId, member.userId);
      const truncated = zip.slice(0, Math.floor(zip.byteLength / 2));
      const bad = await member.client.call('previewImport', { params: { slug: 'imp' }, file: truncated, fileName: 'broken.zip' }).catch((e) => e);
      expect(bad.status).toBe(422);
      expect(bad.errors[0].field).toContain('broken.zip');
      const other = await member.client
        .call('previewImport', { params: { slug: 'imp' }, file: await readFile(join(REAL, 'vega-datasets/us-employment.csv')), fileName: 'us-employment.csv' })
        .catch((e) => e);
      expect(other.status).toBe(422);
      expect(other.message).toMatch(/us-employment\.csv/);
      expect(await stack.store.read.records.countForMember(collectiveId, member.userId)).toEqual(before);
    });

    it('refuses uploads over the size limit with 413, and keeps no file', async () => {
      const uploads = async () => (await readdir(join(stack.dir, 'uploads')).catch(() => [])).filter((f) => f.endsWith('.upload')).sort();
      const before = await uploads();
      const big = new Uint8Array(3 * 2 ** 20);
      const res = await member.client.call('previewImport', { params: { slug: 'imp' }, file: big, fileName: 'big.csv' }).catch((e) => e);
      expect(res.status).toBe(413);
      expect(res.code).toBe('upload_too_large');
      expect(await uploads()).toEqual(before);
    });

    it('people without the member role cannot import', async () => {
      const auditor = await signedUp(stack, 'imp-auditor');
      const inv = await steward.client.call('createInvitation', { params: { slug: 'imp' }, body: { role: 'auditor' } });
      await auditor.client.call('acceptInvitation', { params: { token: inv.token } });
      const res = await auditor.client.call('previewImport', { params: { slug: 'imp' }, file: zip, fileName: 'paris.zip' }).catch((e) => e);
      expect(res.status).toBe(403);
    });
  });
}
