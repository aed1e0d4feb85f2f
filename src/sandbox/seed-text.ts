// Word lists and hostile strings for the deterministic seed.

export const FIRST_NAMES = [
  'Ada', 'Alan', 'Grace', 'Linus', 'Margaret', 'Dennis', 'Barbara', 'Ken', 'Frances', 'Tim', 'Radia', 'Guido',
  'Anita', 'Bjarne', 'Hedy', 'James', 'Karen', 'John', 'Lynn', 'Niklaus', 'Sophie', 'Yukihiro', 'Shafi', 'Whitfield',
  'Fatima', 'Mateo', 'Aisha', 'Chen', 'Priya', 'Olu', 'Ingrid', 'Diego', 'Mei', 'Rafael', 'Zeynep', 'Kwame', 'Lucía',
  'Noah', 'Emma', 'Liam', 'Olivia', 'Hiroshi', 'Sven', 'Amara', 'Tariq', 'Elena', 'Ravi', 'Nadia', 'Pedro', 'Yara',
];

export const LAST_NAMES = [
  'Lovelace', 'Turing', 'Hopper', 'Torvalds', 'Hamilton', 'Ritchie', 'Liskov', 'Thompson', 'Allen', 'Berners-Lee',
  'Perlman', 'van Rossum', 'Borg', 'Stroustrup', 'Lamarr', 'Gosling', 'Spärck Jones', 'McCarthy', 'Conway', 'Wirth',
  'Wilson', 'Matsumoto', 'Goldwasser', 'Diffie', 'Okafor', 'Silva', 'Haddad', 'Wang', 'Sharma', 'Adeyemi', 'Larsen',
  'García', 'Nakamura', 'Costa', 'Yılmaz', 'Mensah', 'Fernández', 'Müller', 'Dubois', 'Rossi', 'Kowalski', 'Novak',
];

export const CHANNEL_WORDS = [
  'dev', 'ops', 'design', 'support', 'sales', 'marketing', 'frontend', 'backend', 'mobile', 'qa', 'release', 'infra',
  'security', 'data', 'ml', 'docs', 'hr', 'finance', 'legal', 'events', 'random', 'watercooler', 'announcements',
  'help', 'feedback', 'incidents', 'oncall', 'growth', 'community', 'partners', 'ux', 'research', 'api', 'bots',
  'integrations', 'apps', 'federation', 'omnichannel', 'livechat', 'video', 'voip', 'translations', 'accessibility',
];

export const SENTENCES = [
  'Has anyone looked at the latest build?',
  'Deploy finished, all green.',
  'Can we move the sync to tomorrow morning?',
  'I pushed a fix for the pagination bug, please review.',
  'The staging server is slow again.',
  'Thanks! That solved it.',
  'Lunch anyone?',
  'Meeting notes are in the shared folder.',
  'Rate limits on the REST API are 10 calls per minute by default.',
  'Please use threads for long discussions.',
  'Who owns the release checklist this week?',
  'I will be out of office on Friday.',
  'The new onboarding flow looks great.',
  'Customer reported an issue with push notifications.',
  'Retro at 3pm, bring your ideas.',
  'Can someone share the API token docs?',
  'Reminder: rotate your personal access tokens.',
  'Dashboards are back after the maintenance window.',
  'Looks good to me 👍',
  'We hit 99.99% uptime last month 🎉',
  'مرحبا بالجميع، كيف حالكم اليوم؟',
  'שלום לכולם, הפגישה נדחתה.',
  'こんにちは、レビューをお願いします。',
  'Привет! Посмотрите, пожалуйста, тикет.',
  'Olá pessoal, o deploy terminou.',
];

/** Strings that must be shown as text, never interpreted, by any client rendering them. */
export const HOSTILE = [
  '<script>alert("xss")</script>',
  '<img src=x onerror="alert(1)">',
  '<a href="javascript:alert(document.cookie)">click me</a>',
  'javascript:alert(1)',
  '"><svg/onload=alert(1)>',
  '{{constructor.constructor("alert(1)")()}}',
  '\u202Egnp.exe',
  'مرحبا <b>bold</b> עולם',
  '🚀🔥👩‍💻🏳️‍🌈 emoji storm 🧪',
  "'; DROP TABLE users; --",
  '${7*7} #{7*7} %s %n',
  '\u0000null\u0000byte',
  'Zalgo T̸̢̛h̷̡̛i̵̧͝s̶̨̕ text',
  '__proto__',
  '[link](javascript:alert(1))',
];

/** One 10,000-character name (a real Rocket.Chat accepts very long display names). */
export const LONG_NAME = 'L'.concat('ong name '.repeat(1111)).slice(0, 10000);
