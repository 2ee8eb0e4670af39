// The parts of HSDS 3.0 (Open Referral) the directory reads and writes. Field names are the
// specification's; see ../shared/data/hsds-3.0/schema/*.json. Person fields (contact.name,
// contact.title) are never written: the directory holds functional contacts only.

export interface HsdsPhone {
  id: string;
  organization_id?: string;
  service_id?: string;
  location_id?: string;
  number: string;
  type?: string;
  description?: string;
  languages?: unknown[];
}

export interface HsdsAddress {
  id: string;
  location_id?: string;
  attention?: string;
  address_1: string;
  address_2?: string;
  city: string;
  region?: string;
  state_province: string;
  postal_code: string;
  country: string;
  address_type: "physical" | "postal" | "virtual";
}

export interface HsdsSchedule {
  id: string;
  service_id?: string;
  location_id?: string;
  valid_from?: string;
  valid_to?: string;
  dtstart?: string;
  timezone?: number;
  until?: string;
  wkst?: "MO" | "TU" | "WE" | "TH" | "FR" | "SA" | "SU";
  freq?: "WEEKLY" | "MONTHLY";
  interval?: number;
  byday?: string;
  description?: string;
  opens_at?: string;
  closes_at?: string;
  notes?: string;
}

export interface HsdsLocation {
  id: string;
  location_type: "physical" | "postal" | "virtual";
  organization_id?: string;
  name?: string;
  url?: string;
  addresses?: HsdsAddress[];
  phones?: HsdsPhone[];
  schedules?: HsdsSchedule[];
}

export interface HsdsOrganization {
  id: string;
  name: string;
  description: string;
  email?: string;
  website?: string;
  parent_organization_id?: string;
  phones?: HsdsPhone[];
  locations?: HsdsLocation[];
  contacts?: unknown[];
}

export interface HsdsService {
  id: string;
  organization_id?: string;
  name: string;
  description?: string;
  url?: string;
  email?: string;
  status: "active" | "inactive" | "defunct" | "temporarily closed";
  phones?: HsdsPhone[];
  schedules?: HsdsSchedule[];
  contacts?: unknown[];
  organization?: HsdsOrganization;
}

/** Paging as the HSDS API (openapi.json, components.schemas.Page) describes it. */
export interface HsdsPage<T> {
  total_items: number;
  total_pages: number;
  /** 1-based. */
  page_number: number;
  /** The requested page size (per_page). */
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: T[];
}

/** The export/import document: every organisation and service, fully nested. */
export interface HsdsDocument {
  organizations: HsdsOrganization[];
  services: HsdsService[];
}
