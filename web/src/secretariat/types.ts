// Shapes the secretariat's organisation pages share.
export interface Organisation {
  id: string;
  name: string;
  slug: string;
  kind: string;
  constituency?: string | null;
  party?: boolean;
  status?: string;
  affiliatedTo?: string | { id: string; name?: string } | null;
}

export interface Person {
  id: string;
  name?: string;
  email: string;
  status?: string;
  disabledAt?: string | null;
  roles?: string[];
}

