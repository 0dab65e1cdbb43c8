rootProject.name = "connguard-example-gradle"
