// Defence in depth: whatever web contents get created (devtools aside), the same navigation guard applies,
// so a window opened by a future feature cannot forget it.
import { guardNavigation, type GuardedContents, type NavigationGuardOptions } from './navigation-guard.ts';

export interface ContentsCreatedSource {
  on(event: 'web-contents-created', listener: (event: unknown, contents: GuardedContents) => void): unknown;
}

export function guardAllWebContents(app: ContentsCreatedSource, options: NavigationGuardOptions): void {
  // guardNavigation ignores contents it already guards, so the main window is not guarded twice.
  app.on('web-contents-created', (_event, contents) => guardNavigation(contents, options));
}
