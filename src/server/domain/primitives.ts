/**
 * Primitive shapes every domain module shares (ids, times, dates), in their own module so the
 * domain files can import them without importing each other.
 */
import { z } from 'zod';

export const IdSchema = z.string().regex(/^[A-Za-z0-9_-]{10,64}$/, 'must be an id');
export const IsoTimeSchema = z.iso.datetime({ offset: true });
export const DateSchema = z.iso.date();
