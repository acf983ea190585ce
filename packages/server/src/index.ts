export { createHttpApp, type HttpOptions } from './http/app.ts';
export { startHttpServer, type RunningServer } from './listen.ts';
export { toProblem } from './http/problem.ts';
