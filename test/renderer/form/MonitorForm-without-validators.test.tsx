// @vitest-environment happy-dom
// Under the window's CSP the schema compiler cannot load (see load-validation.ts): the form must still work,
// say that live checks are off, and show the engine's own issues under the fields.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, expect, it, vi } from 'vitest';
import { MonitorForm } from '../../../renderer/src/views/form/MonitorForm.tsx';
import { FakeClient } from '../store/fixtures.ts';

vi.mock('../../../renderer/src/views/form/load-validation.ts', () => ({ loadValidators: () => Promise.resolve(null) }));

afterEach(cleanup);

it('falls back to the engine validating on save', async () => {
  const refusal = Object.assign(new Error('invalid monitor'), { code: 'invalid-params', issues: [{ path: 'monitor.port', message: 'must be <= 65535 (got 70000)' }] });
  const client = new FakeClient({ addMonitor: () => Promise.reject(refusal) });
  render(<MonitorForm client={client} onSaved={() => {}} onCancel={() => {}} />);
  expect(await screen.findByText(/Live checks are not available/)).toBeTruthy();
  fireEvent.click(screen.getByRole('radio', { name: /TCP port/ }));
  fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'db' } });
  fireEvent.change(screen.getByLabelText(/^Host/), { target: { value: 'db.test' } });
  fireEvent.change(screen.getByLabelText(/^Port/), { target: { value: '70000' } });
  fireEvent.click(screen.getByRole('button', { name: 'Add monitor' }));
  await waitFor(() => expect(screen.getByLabelText(/^Port/).getAttribute('aria-invalid')).toBe('true'));
  expect(client.requests).toEqual([{ name: 'addMonitor', params: { monitor: { id: 'db', type: 'tcp', name: 'db', host: 'db.test', port: 70000 } } }]);
  expect(document.getElementById('monitor-port-error')?.textContent).toContain('must be <= 65535 (got 70000)');
});
