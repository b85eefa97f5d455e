// What `picket serve` shows a browser without its token or a session: how to get the link again. A retry
// button could not help here; only the URL with the (current) token can.

/** The command that prints serve's dashboard URL with its token (electron/cli/token-command.ts). */
export const TOKEN_SHOW_COMMAND = 'picket token show --data DIR';

export function SignedOut() {
  return (
    <section className="signed-out" aria-labelledby="signed-out-title">
      <h2 id="signed-out-title">Open Picket with its access link</h2>
      <p>This browser is not signed in to Picket, or the access token has changed since it was.</p>
      <p>On the machine that runs Picket, print the link again:</p>
      <pre className="signed-out-command">
        <code>{TOKEN_SHOW_COMMAND}</code>
      </pre>
      <p>
        where <code>DIR</code> is the data folder given to <code>picket serve --data</code>. Open the link it prints: this browser then stays signed in,
        and a bookmark of this page keeps working.
      </p>
    </section>
  );
}
