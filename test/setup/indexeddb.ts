// Dexie needs an IndexedDB; in Node the fake one stands in so the real schema and queries run.
import 'fake-indexeddb/auto';
