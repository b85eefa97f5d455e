// Loaded with -r before the app's main (CommonJS, as Electron's -r wants): points the app's user-data folder
// at the smoke test's temp folder with app.setPath before 'ready', as Electron documents, on every platform.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS module that Electron itself loads
const { app } = require('electron');

const dir = process.env.PICKET_SMOKE_USER_DATA;
if (!dir) throw new Error('PICKET_SMOKE_USER_DATA: must name the temp user-data folder of the smoke test');
app.setPath('userData', dir);
