module example.com/clientset

go 1.26
