// Each test class has its own database, so classes may run in parallel; two cores make more threads pointless.
[assembly: CollectionBehavior(MaxParallelThreads = 4)]
