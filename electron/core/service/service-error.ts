// The one error a service request rejects with: it carries the ContractError a transport sends back as is.
import type { ContractError } from '../../shared/contract.ts';
import type { ConfigIssue } from '../../shared/config-validation.ts';

export class ServiceError extends Error {
  readonly error: ContractError;

  constructor(error: ContractError) {
    super(error.message);
    this.name = 'ServiceError';
    this.error = error;
  }
}

export function invalidParams(message: string, issues?: ConfigIssue[]): ServiceError {
  return new ServiceError({ code: 'invalid-params', message, ...(issues && issues.length > 0 ? { issues } : {}) });
}

export function notFound(monitorId: string): ServiceError {
  return new ServiceError({ code: 'not-found', message: `no monitor with id "${monitorId}"`, issues: [{ path: 'monitorId', message: 'no such monitor' }] });
}

export function conflict(monitorId: string): ServiceError {
  return new ServiceError({ code: 'conflict', message: `a monitor with id "${monitorId}" already exists`, issues: [{ path: 'monitor.id', message: 'already exists' }] });
}

export function channelNotFound(channelId: string): ServiceError {
  return new ServiceError({ code: 'not-found', message: `no channel with id "${channelId}"`, issues: [{ path: 'channelId', message: 'no such channel' }] });
}
