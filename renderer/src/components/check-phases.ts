// The phases of a check, in order, with the words the dashboard uses for them: one list for the phase bar
// and the chart's read-out.
export const CHECK_PHASES = [
  { key: 'dnsMs', label: 'DNS' },
  { key: 'connectMs', label: 'Connect' },
  { key: 'tlsMs', label: 'TLS' },
  { key: 'firstByteMs', label: 'First byte' },
] as const;
