export { main, program } from './main.ts';
