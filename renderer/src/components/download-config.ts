// Export in one click: asks the engine for the config and hands it to the browser as a download at once.
// Used by Settings' Export and by the delete confirmation ("export first").
import type { PicketClient } from '../../../electron/shared/contract.ts';
import { REDACTED } from '../../../electron/shared/redaction.ts';

export interface DownloadedConfig {
  name: string;
  monitors: number;
  redacted: number;
}

function countMonitors(json: string): number {
  try {
    const parsed = JSON.parse(json) as { monitors?: unknown };
    return Array.isArray(parsed.monitors) ? parsed.monitors.length : 0;
  } catch {
    return 0;
  }
}

export async function downloadConfig(client: PicketClient, now: Date = new Date()): Promise<DownloadedConfig> {
  const { json } = await client.request('exportConfig', {});
  const name = `picket-config-${now.toISOString().slice(0, 10)}.json`;
  const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    // The click has handed the file over; the URL is not needed after this turn of the event loop.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
  return { name, monitors: countMonitors(json), redacted: json.split(REDACTED).length - 1 };
}
