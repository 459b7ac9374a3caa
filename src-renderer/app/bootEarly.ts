// Imported first by main.tsx, for its effect: the profile directory starts opening before React,
// Mantine and the screens' modules are evaluated (~200 ms of script), not after. Opening an
// IndexedDB database waits on the browser process, and that wait now overlaps the evaluation
// instead of following it. useWorkstation takes the result (startBoot).
import { startBoot } from './useWorkstation';

startBoot();
