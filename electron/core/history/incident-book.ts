// Incidents in memory, rebuilt from their append-only event log (open and close events).
import type { Incident } from '../../shared/types.ts';

export type IncidentEvent = { e: 'open'; incident: Incident } | { e: 'close'; monitorId: string; end: number };

export function validateIncident(incident: Incident): void {
  if (typeof incident !== 'object' || incident === null) throw new Error('incident: must be an object');
  if (typeof incident.monitorId !== 'string' || incident.monitorId === '') throw new Error('incident.monitorId: must be a non-empty string');
  if (typeof incident.start !== 'number' || !Number.isFinite(incident.start)) throw new Error('incident.start: must be epoch milliseconds');
  if (typeof incident.firstError !== 'string') throw new Error('incident.firstError: must be a string');
  if (incident.end !== undefined && (typeof incident.end !== 'number' || incident.end < incident.start)) {
    throw new Error('incident.end: must be epoch milliseconds not before start');
  }
}

export class IncidentBook {
  private readonly byMonitor = new Map<string, Incident[]>();

  /**
   * Applies one event; returns false when it changes nothing (closing with nothing open).
   * Opening while one is open closes the old one at the new start: a monitor has at most one open incident.
   */
  apply(event: IncidentEvent): boolean {
    if (event.e === 'open') {
      const list = this.byMonitor.get(event.incident.monitorId) ?? [];
      const open = list.at(-1);
      if (open && open.end === undefined) close(open, Math.max(open.start, event.incident.start));
      list.push({ ...event.incident });
      this.byMonitor.set(event.incident.monitorId, list);
      return true;
    }
    const open = this.byMonitor.get(event.monitorId)?.at(-1);
    if (!open || open.end !== undefined) return false;
    close(open, Math.max(open.start, event.end));
    return true;
  }

  list(monitorId?: string): Incident[] {
    const lists = monitorId === undefined ? [...this.byMonitor.values()] : [this.byMonitor.get(monitorId) ?? []];
    return lists
      .flat()
      .map((incident) => ({ ...incident }))
      .sort((a, b) => a.start - b.start);
  }

  forget(monitorId: string): void {
    this.byMonitor.delete(monitorId);
  }
}

function close(incident: Incident, end: number): void {
  incident.end = end;
  incident.durationMs = end - incident.start;
}

export function decodeIncidentEvent(value: unknown): IncidentEvent | null {
  if (typeof value !== 'object' || value === null) return null;
  const event = value as Partial<Record<string, unknown>>;
  if (event.e === 'open') {
    try {
      validateIncident(event.incident as Incident);
    } catch {
      return null;
    }
    return { e: 'open', incident: event.incident as Incident };
  }
  if (event.e === 'close' && typeof event.monitorId === 'string' && typeof event.end === 'number') {
    return { e: 'close', monitorId: event.monitorId, end: event.end };
  }
  return null;
}
