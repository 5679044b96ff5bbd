export const FIRST_NAMES = [
  'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William', 'Barbara',
  'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Carlos', 'Karen', 'Daniel', 'Lisa', 'Matthew', 'Nancy',
  'Anthony', 'Sofia', 'Mark', 'Ana', 'Luis', 'Emily', 'Wei', 'Mei', 'Hiroshi', 'Yuki', 'Ahmed', 'Fatima', 'Olga', 'Ivan',
  'Priya', 'Arjun', 'Chloe', 'Lucas', 'Emma', 'Noah', 'Olivia', 'Liam', 'Amara', 'Kwame', 'Ingrid', 'Lars', 'Zoe', 'Mateo',
  'Aisha', 'Omar', 'Elena', 'Marco', 'Julia', 'Felix', 'Nina', 'Hugo',
];

export const LAST_NAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez',
  'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Perez', 'Thompson',
  'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright',
  'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores', 'Green', 'Adams', 'Nelson', 'Baker', 'Hall', 'Rivera', 'Campbell',
  'Mitchell', 'Carter', 'Roberts', 'Kim', 'Chen', 'Tanaka', 'Müller', 'Schmidt', 'Rossi', 'Silva', 'Okafor', 'Patel', 'Novak',
];

export const DOMAINS = ['acme.com', 'example.org', 'globex.com', 'initech.io', 'umbrella.co', 'hooli.dev', 'mail.test', 'stark.industries'];

export const CITIES: { city: string; state?: string; country: string; zip: string }[] = [
  { city: 'San Francisco', state: 'CA', country: 'US', zip: '94103' },
  { city: 'New York', state: 'NY', country: 'US', zip: '10001' },
  { city: 'Austin', state: 'TX', country: 'US', zip: '73301' },
  { city: 'Chicago', state: 'IL', country: 'US', zip: '60601' },
  { city: 'Berlin', country: 'DE', zip: '10115' },
  { city: 'Madrid', country: 'ES', zip: '28001' },
  { city: 'Mexico City', country: 'MX', zip: '01000' },
  { city: 'London', country: 'GB', zip: 'SW1A 1AA' },
];

export const STREETS = ['Main St', 'Oak Ave', 'Market St', 'Elm St', 'Hauptstraße', 'Calle Mayor', 'High St', 'Pine Rd'];
