// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProblemBanner } from '../../../renderer/src/components/ProblemBanner.tsx';
import { connectStore, resetMonitorsStore } from '../../../renderer/src/store/monitors-store.ts';
import { clientWith, makeView } from '../store/fixtures.ts';

let disconnect: (() => void) | null = null;

beforeEach(resetMonitorsStore);
afterEach(() => {
  cleanup();
  disconnect?.();
  disconnect = null;
});

describe("the banner for Picket's own problems", () => {
  it('shows the problems loaded at connect, follows the problems event, and goes when they clear', async () => {
    const client = clientWith([makeView('a')]);
    client.handlers.getProblems = () => ['cannot write history: the disk is full (ENOSPC); 12 results wait in memory and will be written when it can'];
    disconnect = connectStore(client);
    render(<ProblemBanner />);
    expect((await screen.findByRole('alert')).textContent).toContain('the disk is full (ENOSPC)');
    act(() => client.emit('problems', ['history file recent.json was damaged (not valid JSON) and was moved to x']));
    expect(screen.getByRole('alert').textContent).toContain('recent.json was damaged');
    expect(screen.getByRole('alert').textContent).not.toContain('ENOSPC');
    act(() => client.emit('problems', []));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
