import { launchOrExit } from './launch.js';

/** `npm start`: API, projections, sagas and job workers in one process, on embedded defaults unless the environment says otherwise. */
launchOrExit(['api', 'worker']);
