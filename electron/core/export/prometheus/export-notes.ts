// What an export could not express, with the reason: printed by the command and written into the file it concerns.

export type ExportFile = 'blackbox.yml' | 'prometheus.yml' | 'rules.yml';

export interface ExportNote {
  /** The monitor concerned; absent for notes about the whole export. */
  monitor?: { id: string; name: string };
  file: ExportFile;
  /** What is not (or only partly) expressed. */
  what: string;
  reason: string;
}

export function formatNote(note: ExportNote): string {
  const who = note.monitor ? `${note.monitor.name} (${note.monitor.id}): ` : '';
  return `${who}${note.what}: ${note.reason}`;
}
