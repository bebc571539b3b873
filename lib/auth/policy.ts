import type { Role } from "@/db/schema";

/**
 * Who may do what. Pure functions over the viewer, called by every query and action in the
 * data-access layer (lib/queries, lib/actions) — never only by a page or a middleware.
 */

export type Viewer = {
  userId: number;
  email: string;
  name: string;
  role: Role;
  /** The engineer this user is on the boards, if any. */
  engineerId: number | null;
  /** The team a lead manages (or an engineer belongs to). */
  teamId: number | null;
  locale: string;
};

export class AuthError extends Error {
  readonly status: 401 | 403;
  constructor(status: 401 | 403, message = status === 401 ? "Sign in first." : "You do not have access to this.") {
    super(message);
    this.name = "AuthError";
    this.status = status;
  }
}

export function requireViewer(viewer: Viewer | null | undefined): Viewer {
  if (!viewer) throw new AuthError(401);
  return viewer;
}

export function requireRole(viewer: Viewer | null | undefined, ...roles: Role[]): Viewer {
  const v = requireViewer(viewer);
  if (!roles.includes(v.role)) throw new AuthError(403);
  return v;
}

/** Leaderboards and team ratings are for every signed-in user. */
export function canViewBoards(viewer: Viewer | null | undefined): viewer is Viewer {
  return !!viewer;
}

/** Engineers see their own details; leads their team's; directors and admins everyone's. */
export function canViewEngineerDetails(viewer: Viewer, engineer: { id: number; teamId: number | null }): boolean {
  switch (viewer.role) {
    case "admin":
    case "director":
      return true;
    case "lead":
      return viewer.engineerId === engineer.id || (viewer.teamId !== null && viewer.teamId === engineer.teamId);
    case "engineer":
      return viewer.engineerId === engineer.id;
  }
}

/** A personal goal: the engineer themself, their team's lead, or an admin (issue #5). */
export function canSetPersonalGoal(viewer: Viewer, engineer: { id: number; teamId: number | null }): boolean {
  if (viewer.engineerId === engineer.id || viewer.role === "admin") return true;
  return viewer.role === "lead" && viewer.teamId !== null && viewer.teamId === engineer.teamId;
}

/** Leads manage their own team; admins manage every team. */
export function canManageTeam(viewer: Viewer, teamId: number | null): boolean {
  if (viewer.role === "admin") return true;
  return viewer.role === "lead" && teamId !== null && viewer.teamId === teamId;
}

export function canManageConnections(viewer: Viewer): boolean {
  return viewer.role === "admin";
}

export function canManageUsers(viewer: Viewer): boolean {
  return viewer.role === "admin";
}

/** Challenges (issue #6): leads for their own team; directors and admins for any team or all teams. */
export function canManageChallenge(viewer: Viewer, teamId: number | null): boolean {
  if (viewer.role === "admin" || viewer.role === "director") return true;
  return viewer.role === "lead" && teamId !== null && viewer.teamId === teamId;
}

/** A team's challenges are seen by its members and lead; directors and admins see all; all-teams ones by everyone. */
export function canViewChallenge(viewer: Viewer, teamId: number | null): boolean {
  if (viewer.role === "admin" || viewer.role === "director" || teamId === null) return true;
  return viewer.teamId === teamId;
}

/** The directors' view and its CSV exports. */
export function canViewDirectors(viewer: Viewer): boolean {
  return viewer.role === "director" || viewer.role === "admin";
}
