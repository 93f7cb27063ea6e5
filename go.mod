module github.com/zen-go/zen

go 1.23

require (
	github.com/google/uuid v1.6.0 // indirect
	github.com/jarcoal/httpmock v1.4.2 // indirect
	github.com/shopspring/decimal v1.6.0 // indirect
	github.com/stretchr/testify v1.12.1 // indirect
)
