// @ts-check
/* global indexedDB */
// The first IndexedDB call of a fresh browser process opens the origin's store on disk in the
// browser process (tens of milliseconds, more under load), and Dexie asks for the profile
// directory only once every module of the page has been fetched and run. This classic script
// runs while the HTML is parsed, so that store opens in the meantime. databases() reads and
// creates nothing. Plain JS in public/: a module would run only after the page's other modules.
if (typeof indexedDB !== 'undefined' && typeof indexedDB.databases === 'function') {
  indexedDB.databases().catch(() => undefined);
}
