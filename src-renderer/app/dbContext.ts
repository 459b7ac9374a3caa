import { createContext, useContext } from 'react';
import type { WorkstationDb } from '../db/db';

export const DbContext = createContext<WorkstationDb | null>(null);

export function useDb(): WorkstationDb {
  const db = useContext(DbContext);
  if (!db) throw new Error('useDb outside DbContext');
  return db;
}
