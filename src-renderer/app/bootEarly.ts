// Imported first by main.tsx, for its effect: the profile directory starts opening before
// react-dom, Mantine and the picker's modules are evaluated, not after (70–130 ms earlier in the
// harness here). Opening an IndexedDB database waits on the browser process, and that wait now
// overlaps the evaluation instead of following it. useWorkstation takes the result (startBoot).
import { startBoot } from './useWorkstation';

startBoot();
