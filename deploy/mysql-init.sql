-- One database per subgraph; the services create and migrate them on first start.
GRANT ALL PRIVILEGES ON `credit\_%`.* TO 'credit'@'%';
FLUSH PRIVILEGES;
