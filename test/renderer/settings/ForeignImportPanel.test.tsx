// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../../electron/shared/import-types.ts';
import { ForeignImportPanel } from '../../../renderer/src/views/settings/ForeignImportPanel.tsx';
import { bytesToBase64 } from '../../../renderer/src/views/settings/file-base64.ts';
import { FakeClient } from '../store/fixtures.ts';

afterEach(cleanup);

const PREVIEW: ImportPreview = {
  source: 'gatus',
  monitors: [
    { id: 'gatus-website', type: 'http', name: 'website', url: 'https://example.test/' },
    { id: 'gatus-database', type: 'tcp', name: 'database', host: 'db.example.test', port: 5432 },
  ],
  skipped: [{ name: 'router', reason: 'icmp:// endpoints have no Picket equivalent' }],
  replacing: ['gatus-database'],
};

function pick(name: string, text: string): void {
  fireEvent.change(screen.getByLabelText('Gatus file'), { target: { files: [new File([text], name)] } });
}

describe('Settings → Import from Uptime Kuma or Gatus', () => {
  it('previews what will and will not be imported, and writes nothing before the user confirms', async () => {
    const client = new FakeClient({ previewImport: () => PREVIEW, importConfig: () => ({ added: ['gatus-website'], updated: ['gatus-database'], removed: [] }) });
    render(<ForeignImportPanel client={client} />);
    fireEvent.click(screen.getByLabelText('Gatus (config.yaml)'));
    pick('config.yaml', 'endpoints: []');

    const preview = await screen.findByRole('region', { name: 'Import preview' });
    expect(within(preview).getByText('2 monitors will be imported, 1 thing cannot be, and why:')).toBeTruthy();
    expect(within(screen.getByRole('list', { name: 'Cannot be imported' })).getByText(/icmp:\/\/ endpoints have no Picket equivalent/)).toBeTruthy();
    expect(within(screen.getByRole('list', { name: 'Will be imported' })).getByText(/replaces the one imported before/)).toBeTruthy();
    expect(client.requests).toEqual([{ name: 'previewImport', params: { source: 'gatus', file: bytesToBase64(new TextEncoder().encode('endpoints: []')) } }]);

    fireEvent.click(screen.getByRole('button', { name: 'Import 2 monitors' }));
    expect(await screen.findByText(/Imported: 1 added, 1 updated\./)).toBeTruthy();
    expect(client.requests[1]).toEqual({ name: 'importConfig', params: { json: JSON.stringify({ version: 1, monitors: PREVIEW.monitors }), mode: 'merge' } });
  });

  it('cancel leaves everything as it was', async () => {
    const client = new FakeClient({ previewImport: () => PREVIEW });
    render(<ForeignImportPanel client={client} />);
    fireEvent.click(screen.getByLabelText('Gatus (config.yaml)'));
    pick('config.yaml', 'endpoints: []');
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('region', { name: 'Import preview' })).toBeNull();
    expect(client.requests.map((r) => r.name)).toEqual(['previewImport']);
  });

  it('shows why a file cannot be read', async () => {
    const client = new FakeClient({
      previewImport: () => {
        throw Object.assign(new Error('the file is not valid YAML (bad indentation)'), { code: 'invalid-params', issues: [] });
      },
    });
    render(<ForeignImportPanel client={client} />);
    fireEvent.click(screen.getByLabelText('Gatus (config.yaml)'));
    pick('config.yaml', ':');
    expect((await screen.findByRole('alert')).textContent).toContain('the file is not valid YAML (bad indentation)');
  });

  it('encodes large files in chunks', () => {
    const bytes = new Uint8Array(100_000).map((_, i) => i % 256);
    // The oracle is the browser's own btoa over the whole file at once (the dashboard has no Buffer).
    let binary = '';
    for (const byte of bytes) binary += String.fromCharCode(byte);
    expect(bytesToBase64(bytes)).toBe(btoa(binary));
  });
});
