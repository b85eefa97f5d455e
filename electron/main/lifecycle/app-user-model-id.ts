// Windows only shows (and groups) native notifications for an app with an AppUserModelID; it must match
// the appId in electron-builder.yml, which the installer registers.
export const APP_USER_MODEL_ID = 'org.picket.app';

export function applyAppUserModelId(app: { setAppUserModelId(id: string): void }, platform: NodeJS.Platform): void {
  if (platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
}
