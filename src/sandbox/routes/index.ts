import type { RouteSpec } from '../framework';
import { authRoutes } from './auth';

export function allRoutes(): RouteSpec[] {
  return [...authRoutes];
}
