// The demo tests measure WebM durations with the same reader main uses for attached media.
export { webmDurationSeconds } from '../../../src-main/services/media/duration';
